import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@enlace/auth';
import { LegalBasesService } from '@enlace/legal-bases';
import { LegalBasesQuery, LegalBasisDto } from './legal-bases.dto.js';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('legal-bases')
export class LegalBasesController {
  constructor(private readonly legalBases: LegalBasesService) {}

  @Get()
  @ApiOperation({
    summary: 'The legal bases a request may invoke between two member countries',
    description:
      'A multilateral instrument is listed when both countries are parties to it (e.g. Nassau 1992 is not listed for a request ' +
      'to Belize, nor the Central American Treaty 1993 for one to Mexico); BILATERAL only where the register holds a treaty ' +
      'in force for the pair (listed in `treaties`; bilateralTreaty names one by id, else 422 `not_in_register_for_pair`); ' +
      'RECIPROCITY always. SUBMIT refuses any other with 422 rule_violation `not_in_force_for_pair`, and a protocol without ' +
      'its convention with `requires:<BASIS>`. 400 when from equals to.',
  })
  @ApiOkResponse({ type: [LegalBasisDto] })
  list(@CurrentUser() user: Principal, @Query() query: LegalBasesQuery) {
    return this.legalBases.forPair(user, query.to, query.from);
  }
}
