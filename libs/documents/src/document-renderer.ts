import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { PdfRenderPool, type RenderedDocument } from '@enlace/pdf';
import type { DocumentViewModel } from '@enlace/templates';

/** Turns a view model into PDF bytes and their hashes. A port, so a test can make rendering fail. */
export abstract class DocumentRenderer {
  abstract render(viewModel: DocumentViewModel): Promise<RenderedDocument>;
}

/**
 * Renders on worker threads: tens of milliseconds of CPU per document that must never block the
 * API's event loop when everything runs in one process.
 */
@Injectable()
export class PooledDocumentRenderer extends DocumentRenderer implements OnModuleDestroy {
  private pool: PdfRenderPool | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  render(viewModel: DocumentViewModel): Promise<RenderedDocument> {
    return (this.pool ??= new PdfRenderPool({ threads: this.config.renderThreads })).render(viewModel);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
