import { Get } from '@nestjs/common';
import { DomainError, ErrorCode } from '@enlace/core';
import { Html, PageController } from '@enlace/web';

/**
 * An address under /desk that no page answers (a mistyped or outdated link) gets the not-found page in
 * the person's language, with the site's navigation, instead of the API's JSON 404. Every other desk
 * route is more specific and wins.
 */
@PageController('desk')
export class NotFoundPagesController {
  @Get('*')
  @Html()
  notFound(): never {
    throw new DomainError(ErrorCode.NotFound, 'No page at this address');
  }
}
