import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { PdfRenderPool, type RenderedDocument } from '@enlace/pdf';
import type { DocumentViewModel } from '@enlace/templates';

/** Turns a view model into PDF bytes and their hashes. A port, so a test can make rendering fail. */
export abstract class DocumentRenderer {
  abstract render(viewModel: DocumentViewModel): Promise<RenderedDocument>;
}

/**
 * Renders in a pool: tens of milliseconds of CPU per document that must never block the API's event
 * loop, nor, when everything runs in one process, take its cores (render processes at a lower
 * priority; see ENLACE_RENDER_PROCESSES).
 */
@Injectable()
export class PooledDocumentRenderer extends DocumentRenderer implements OnModuleDestroy {
  private pool: PdfRenderPool | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  render(viewModel: DocumentViewModel): Promise<RenderedDocument> {
    this.pool ??= new PdfRenderPool({ threads: this.config.renderThreads, processes: this.config.renderProcesses, nice: this.config.renderNice });
    return this.pool.render(viewModel);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
