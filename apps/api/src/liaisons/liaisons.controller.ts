import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@enlace/auth';
import { LiaisonsService } from '@enlace/liaisons';
import { UuidPipe } from '../http/uuid.pipe.js';
import {
  AuthorizeLiaisonDto,
  CandidateDto,
  CandidatesQuery,
  DirectoryEntryDto,
  DirectoryHistoryItemDto,
  ListLiaisonsQuery,
  NominateLiaisonDto,
  RevokeLiaisonDto,
} from './liaison.dto.js';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('liaisons')
export class LiaisonsController {
  constructor(private readonly liaisons: LiaisonsService) {}

  @Get()
  @ApiOperation({
    summary: 'The directory of liaison prosecutors (focal points)',
    description:
      'Every signed-in user reads it, the admin included. Lists the fiscales who are nominated, authorized, ' +
      'revoked or expired (authorized with validUntil before today), by country and name.',
  })
  @ApiOkResponse({ type: [DirectoryEntryDto] })
  list(@CurrentUser() user: Principal, @Query() query: ListLiaisonsQuery) {
    return this.liaisons.list(user, query);
  }

  @Get('candidates')
  @ApiOperation({
    summary: 'Fiscales not in the directory, who may be nominated',
    description: 'The admin (any country) and a supervisor (their own country); 403 for anyone else.',
  })
  @ApiOkResponse({ type: [CandidateDto] })
  candidates(@CurrentUser() user: Principal, @Query() query: CandidatesQuery) {
    return this.liaisons.candidates(user, query.country);
  }

  @Get(':userId')
  @ApiOperation({ summary: "One fiscal's entry in the directory (404 for an unknown user or one who is not a fiscal)" })
  @ApiOkResponse({ type: DirectoryEntryDto })
  get(@Param('userId', UuidPipe) userId: string) {
    return this.liaisons.get(userId);
  }

  @Get(':userId/history')
  @ApiOperation({
    summary: "The recorded changes of one liaison's standing, oldest first",
    description: "For the person, the admin, and the cancillería and supervisor of the person's country (403 otherwise).",
  })
  @ApiOkResponse({ type: [DirectoryHistoryItemDto] })
  history(@CurrentUser() user: Principal, @Param('userId', UuidPipe) userId: string) {
    return this.liaisons.historyOf(user, userId);
  }

  @Post(':userId/nominate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Nominate a fiscal as liaison',
    description:
      "The admin, or the supervisor of the fiscal's country (the specialized office the liaisons report to). " +
      'From none, revoked or expired; 409 invalid_transition otherwise. The cancillería then authorizes.',
  })
  @ApiOkResponse({ type: DirectoryEntryDto })
  nominate(@CurrentUser() user: Principal, @Param('userId', UuidPipe) userId: string, @Body() body: NominateLiaisonDto) {
    return this.liaisons.nominate(user, userId, body?.comment);
  }

  @Post(':userId/authorize')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Authorize a liaison until a date',
    description:
      "Only a cancillería officer of the fiscal's own country (403 otherwise; 404 for an unknown user or one who is not a fiscal). " +
      'Also renews or changes the end date of a standing authorization, and reinstates a revoked or expired one. ' +
      'Recorded in the directory history; the person and their counterparts on open shared requests are notified.',
  })
  @ApiOkResponse({ type: DirectoryEntryDto })
  authorize(@CurrentUser() user: Principal, @Param('userId', UuidPipe) userId: string, @Body() body: AuthorizeLiaisonDto) {
    return this.liaisons.authorize(user, userId, body.validUntil);
  }

  @Post(':userId/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a liaison, with the reason',
    description:
      "Only a cancillería officer of the fiscal's own country. Takes effect at once: the liaison's next call is refused " +
      '(403 liaison_not_authorized), whatever token they hold. Counterparts are notified (without the reason).',
  })
  @ApiOkResponse({ type: DirectoryEntryDto })
  revoke(@CurrentUser() user: Principal, @Param('userId', UuidPipe) userId: string, @Body() body: RevokeLiaisonDto) {
    return this.liaisons.revoke(user, userId, body.reason);
  }
}
