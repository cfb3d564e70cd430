import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LegalBasesService } from '@enlace/legal-bases';
import { CountryProfileDto, ProfileSourcesDto } from './legal-bases.dto.js';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('countries')
export class CountriesController {
  constructor(private readonly legalBases: LegalBasesService) {}

  @Get()
  @ApiOperation({
    summary: 'The profiles of the eleven member countries',
    description:
      'Languages a request is accepted in, central authority, cancillería and treaty membership, each fact with its source ' +
      'and what could not be confirmed. Reviewed data (workflows/rules/country-profiles.json), not case content.',
  })
  @ApiOkResponse({ type: [CountryProfileDto] })
  list() {
    return this.legalBases.countries();
  }

  @Get('sources')
  @ApiOperation({ summary: 'The version of the country profiles, their sources, and what they leave unconfirmed' })
  @ApiOkResponse({ type: ProfileSourcesDto })
  sources() {
    return this.legalBases.sources();
  }
}
