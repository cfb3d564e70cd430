import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import type { Principal } from '@enlace/auth';
import { Clock, DomainError } from '@enlace/core';
import { DocumentsService } from '@enlace/documents';
import { MessagesService } from '@enlace/messages';
import type { RequestPageView, RequestPrintView, RequestView } from '@enlace/pages';
import { AnnexesService, CasesService, RequestsService } from '@enlace/requests';
import { WorkQueueService } from '@enlace/turnaround';
import { certifiedTranslationLanguages, dateIn, violationsForSubmit, type CountryCode, type RequestFields } from '@enlace/workflows';

/**
 * Everything a request's page shows, read through the same services as the API (the request with its
 * availableEvents and missing, its documents, history and informal channel), for this user.
 */
@Injectable()
export class RequestPageService {
  constructor(
    private readonly requests: RequestsService,
    private readonly documents: DocumentsService,
    private readonly messages: MessagesService,
    private readonly workQueue: WorkQueueService,
    private readonly clock: Clock,
    private readonly annexes: AnnexesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesService,
  ) {}

  async view(user: Principal, id: string, extra: Partial<RequestPageView> = {}): Promise<RequestPageView> {
    const [request, documents, history] = await Promise.all([
      this.requests.get(user, id),
      this.documents.list(user, id),
      this.requests.historyOf(user, id),
    ]);
    const due = (await this.workQueue.dueDates([id])).get(id) ?? null;
    const kase = await this.cases.caseOf(user, id);
    // The informal channel exists only for its parties and only while it is open: a refusal means "not shown".
    const messages = await this.messages.list(user, id).catch((error: unknown) => {
      if (error instanceof DomainError) return null;
      throw error;
    });
    // The annexes travel with the standardized form: whoever may not see it (the counterpart) sees none.
    const annexes = await this.annexes.list(user, id).catch((error: unknown) => {
      if (error instanceof DomainError) return null;
      throw error;
    });
    // A certified translation annexed stands for the texts in its language, as it will at SUBMIT.
    const certifiedTranslations = certifiedTranslationLanguages(annexes ?? []);
    return {
      request: request as unknown as RequestView,
      // While the fiscal can still change it, what SUBMIT would refuse besides `missing`: the machine's own conditions.
      violations: request.editable
        ? violationsForSubmit({ ...(request as RequestFields), certifiedTranslations }, { requestingCountry: request.requestingCountry as CountryCode }, dateIn(request.requestingCountry, this.clock.now()))
        : [],
      documents,
      history: [...history].reverse(),
      messages,
      due,
      annexes,
      certifiedTranslations,
      annexMaxBytes: this.config.annexes.maxBytes,
      case: kase as RequestPageView['case'],
      alsoAsk: this.cases.alsoAskOffered(user, request),
      errors: [],
      ...extra,
    };
  }

  /** The request and its history, for the print view. */
  async printView(user: Principal, id: string): Promise<RequestPrintView> {
    const [request, history] = await Promise.all([this.requests.get(user, id), this.requests.historyOf(user, id)]);
    return { request: request as unknown as RequestView, history, printedAt: this.clock.now().toISOString() };
  }

  documentsOf(user: Principal, id: string) {
    return this.documents.list(user, id);
  }

  /** The changes made since the version the user read, newest first, for the conflict notice. */
  async changesSince(user: Principal, id: string, readVersion: number) {
    const history = await this.requests.historyOf(user, id, { editedFields: true });
    // Every change adds one history row and one version; the request starts at version 1.
    return history.slice(readVersion).reverse();
  }
}
