import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { AnnexesRepository, CasesRepository, DocumentsRepository, RequestsRepository, UsersRepository, type DocumentEntity } from '@enlace/persistence';
import { formatNoteNumber, issuingOffice, type DocumentCitation, type DocumentKind, type DocumentViewModel, type Enclosure } from '@enlace/templates';
import { WaitForPrerequisiteError } from '@enlace/outbox';
import { CHANNELS_DATA, countryProfile, deriveRoute, documentLanguages, officeById, officeFor, type CountryCode } from '@enlace/workflows';
import type { DocumentSource } from './document-scheduler.js';

/** The documents the formal channel carries to the requested central authority, in this order. */
const ENCLOSED_KINDS: DocumentKind[] = ['standardized_form', 'authorization'];
/** The notes addressed to the requested side, by the office its route names. */
const ADDRESSED_TO_REQUESTED: ReadonlySet<DocumentKind> = new Set(['transmission_note', 'forwarding_note', 'supplementary_request', 'reminder_letter']);

/**
 * A document cites another that is still being rendered (the authorization cites the standardized
 * form, the transmission note both): its job waits for it without spending an attempt.
 */
export class PrerequisiteNotReadyError extends WaitForPrerequisiteError {}

/** Builds what a template prints from the document's fixed source and the documents it cites. */
@Injectable()
export class ViewModelBuilder {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly users: UsersRepository,
    private readonly documents: DocumentsRepository,
    private readonly annexes: AnnexesRepository,
    private readonly cases: CasesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(document: DocumentEntity): Promise<DocumentViewModel> {
    const source = document.source as unknown as DocumentSource;
    const request = await this.requests.findForProcessing(document.requestId);
    if (!request) throw new Error(`Document ${document.id} names a request that does not exist`);
    const creator = await this.users.findById(request.createdBy);
    const actor = source.event ? await this.users.findById(source.event.actorId) : null;
    const kind = document.kind as DocumentKind;
    const fields = { ...source.fields, requestedCountry: request.requestedCountry };
    // The route as the fields stood when the document was issued: the same bytes on every re-render.
    const route = deriveRoute(fields, request.requestingCountry);
    const treaty = fields.bilateralTreaty ? CHANNELS_DATA.treatyInForce(fields.bilateralTreaty, request.requestingCountry, request.requestedCountry) : undefined;
    const viewModel: DocumentViewModel = {
      kind,
      verifyUrl: `${this.config.publicUrl}/verify/`,
      reference: request.reference,
      issuedAt: document.issuedAt.toISOString(),
      revision: document.revision,
      labels: documentLanguages({ ...source.fields, requestedCountry: request.requestedCountry }),
      request: {
        ...source.fields,
        requestingCountry: request.requestingCountry,
        requestedCountry: request.requestedCountry,
        createdBy: { name: creator?.name ?? request.createdByName, ...(creator?.office ? { office: creator.office } : {}) },
        state: source.state,
        createdAt: request.createdAt.toISOString(),
        ...(route && { route }),
        ...(treaty && { treatyName: treaty.name }),
      },
    };
    // The letterhead of the office recorded when the step happened (else the actor's, for documents
    // issued before offices were recorded), and its note number.
    const office = (document.officeId ? officeById(document.officeId) : undefined) ?? (actor ? officeFor(actor.country, actor.role) : undefined);
    if (office) {
      viewModel.issuer = {
        office: issuingOffice(office),
        ...(document.noteNumber !== null && document.noteYear !== null && { noteNumber: formatNoteNumber(office.noteCode, document.noteYear, document.noteNumber) }),
      };
    }
    // The notes that carry the request or follow it up go where the request went: to the requested
    // central authority, through the requested cancillería on the diplomatic channel.
    if (ADDRESSED_TO_REQUESTED.has(kind)) {
      const requested = request.requestedCountry as CountryCode;
      viewModel.addressee = {
        role: 'central_authority',
        country: requested,
        office: route?.receiver.office ?? countryProfile(requested).centralAuthority.name,
        ...(route && { channel: route.channel }),
      };
    }
    if (kind === 'supplementary_request') {
      const data = source.event?.data ?? {};
      const annexes = Array.isArray(data.annexes) ? data.annexes.filter((item): item is string => typeof item === 'string') : [];
      const translation = typeof data.translation === 'string' && data.translation.trim() !== '' ? data.translation : undefined;
      viewModel.supplementary = {
        number: document.revision,
        annexes,
        answersInfoRequest: source.answersInfoRequest === true,
        ...(translation && viewModel.labels.secondary && { translation, translationLanguage: viewModel.labels.secondary }),
      };
    }
    if (kind === 'reminder_letter') {
      if (source.overdue) viewModel.overdue = source.overdue;
      viewModel.reminder = { ...(request.transmittedAt && { transmittedAt: new Date(request.transmittedAt).toISOString() }) };
    }
    if (kind === 'acknowledgement' || kind === 'execution_report') viewModel.addressee = { role: 'authorities', country: request.requestingCountry as CountryCode };
    if (actor && actor.country) {
      viewModel.event = {
        actor: {
          name: actor.name,
          role: actor.role,
          country: actor.country as CountryCode,
          ...(actor.office ? { office: actor.office } : {}),
          ...(actor.post ? { post: actor.post } : {}),
        },
        // The cancillería's comment on AUTHORIZE is the conditions of its authorization.
        ...(source.event?.comment ? (kind === 'authorization' ? { conditions: source.event.comment } : { comment: source.event.comment }) : {}),
      };
    }
    if (kind === 'authorization') viewModel.authorizes = (await this.cite(document, ['standardized_form']))[0];
    if (kind === 'transmission_note') viewModel.enclosures = (await this.cite(document, ENCLOSED_KINDS)) as Enclosure[];
    // What the requested cancillería hands on: the requesting side's note and what it enclosed.
    if (kind === 'forwarding_note') viewModel.enclosures = (await this.cite(document, ['transmission_note', ...ENCLOSED_KINDS])) as Enclosure[];
    if (kind === 'acknowledgement') {
      const requestedReference = source.event?.data?.requestedReference;
      viewModel.acknowledgement = {
        receivedAt: document.issuedAt.toISOString(),
        officer: actor?.name ?? '',
        ...(typeof requestedReference === 'string' && requestedReference ? { requestedReference } : {}),
      };
    }
    if (kind === 'execution_report') {
      const data = source.event?.data ?? {};
      const evidence = Array.isArray(data.evidence) ? data.evidence.filter((item): item is string => typeof item === 'string') : [];
      const outcome = data.outcome === 'total' || data.outcome === 'partial' ? data.outcome : undefined;
      viewModel.execution = { part: document.revision, final: source.event?.type === 'RECORD_EXECUTION', ...(outcome && { outcome }), evidence };
    }
    if (kind === 'overdue_notice' && source.overdue) viewModel.overdue = source.overdue;
    if (kind === 'standardized_form' || kind === 'transmission_note' || kind === 'forwarding_note') {
      // The files attached when the step happened: an annex added after a RETURN is in the next form.
      viewModel.annexes = (await this.annexes.listFor(document.requestId, document.issuedAt)).map((a) => ({
        kind: a.kind,
        language: a.language,
        description: a.description,
        filename: a.filename,
        sha256: a.sha256,
      }));
    }
    // The other States asked in the same case reach the requested side only where the fiscal disclosed them.
    if (kind === 'standardized_form' && viewModel.request.discloseOtherStatesAsked === true) {
      const others = await this.cases.askedWith(document.requestId, document.issuedAt);
      if (others.length > 0) viewModel.otherStatesAsked = others;
    }
    return viewModel;
  }

  /** The latest document of each kind, by reference and the verification code its footer prints; all must already be rendered. */
  private async cite(document: DocumentEntity, kinds: DocumentKind[]): Promise<DocumentCitation[]> {
    const request = (await this.requests.findForProcessing(document.requestId))!;
    const latest = await this.documents.latestReady(document.requestId, kinds);
    return kinds.map((kind) => {
      const cited = latest.find((d) => d.kind === kind);
      if (!cited) throw new PrerequisiteNotReadyError(`No ${kind} to cite for ${request.reference}`);
      if (cited.status !== 'ready' || !cited.contentHash) {
        throw new PrerequisiteNotReadyError(`${kind} of ${request.reference} is not rendered yet`);
      }
      return { kind, reference: request.reference, revision: cited.revision, contentHash: cited.contentHash };
    });
  }
}
