import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { COUNTRY_CODES, INSTRUMENT_KINDS, LANGUAGES, LEGAL_BASES, type CountryCode, type InstrumentKind, type Language, type LegalBasis } from '@enlace/workflows';

export class LegalBasesQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES, example: 'GT', description: "The requesting country; defaults to the user's own" })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  from?: CountryCode;

  @ApiProperty({ enum: COUNTRY_CODES, example: 'MX', description: 'The requested country' })
  @IsIn(COUNTRY_CODES)
  to: CountryCode;
}

export class SourceDto {
  @ApiProperty({ example: 'oas-a55' }) id: string;
  @ApiProperty({
    example: 'OAS Department of International Law, A-55: Inter-American Convention on Mutual Assistance in Criminal Matters (Nassau, 23 May 1992), signatories and ratifications',
  })
  title: string;
  @ApiPropertyOptional({ example: 'https://www.oas.org/juridico/english/sigs/a-55.html' }) url?: string;
  @ApiPropertyOptional() citation?: string;
}

class LocalizedNameDto {
  @ApiProperty({ example: 'Convención Interamericana sobre Asistencia Mutua en Materia Penal (Nassau, 1992)' }) es: string;
  @ApiProperty({ example: 'Inter-American Convention on Mutual Assistance in Criminal Matters (Nassau, 1992)' }) en: string;
  @ApiProperty({ example: "Convention interaméricaine sur l'entraide en matière pénale (Nassau, 1992)" }) fr: string;
}

export class BilateralTreatyDto {
  @ApiProperty({ example: 'GT-MX', description: 'The id to give in bilateralTreaty' }) id: string;
  @ApiProperty({ enum: COUNTRY_CODES, isArray: true, example: ['GT', 'MX'] }) parties: CountryCode[];
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiPropertyOptional({ example: '2004-03-24' }) signed?: string;
  @ApiPropertyOptional({ example: '2006-11-30' }) inForce?: string;
  @ApiProperty({ type: SourceDto }) source: SourceDto;
  @ApiPropertyOptional({ description: 'What could not be confirmed from the source' }) unconfirmed?: string;
}

export class LegalBasisDto {
  @ApiProperty({ enum: LEGAL_BASES, example: 'NASSAU_1992' }) basis: LegalBasis;
  @ApiProperty({ enum: INSTRUMENT_KINDS, example: 'multilateral' }) kind: InstrumentKind;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ example: false, description: 'True for BILATERAL: the request must name the treaty in bilateralTreaty' })
  requiresNamedTreaty: boolean;
  @ApiPropertyOptional({ type: [BilateralTreatyDto], description: "For BILATERAL: the register's treaties in force between the pair" })
  treaties?: BilateralTreatyDto[];
  @ApiProperty({ type: SourceDto }) source: SourceDto;
  @ApiPropertyOptional({ description: 'What could not be confirmed from the source' }) unconfirmed?: string;
}

class CountryNameDto {
  @ApiProperty({ example: 'México' }) es: string;
  @ApiProperty({ example: 'Mexico' }) en: string;
  @ApiProperty({ type: SourceDto }) source: SourceDto;
  @ApiPropertyOptional() unconfirmed?: string;
}

class LanguagesDto {
  @ApiProperty({ enum: LANGUAGES, isArray: true, example: ['es'], description: 'UNTOC art. 18(14): languages acceptable to the requested State' })
  accepted: Language[];
  @ApiProperty({ type: SourceDto }) source: SourceDto;
  @ApiPropertyOptional() unconfirmed?: string;
}

class InstitutionDto {
  @ApiProperty({ example: { es: 'Fiscalía General de la República' }, description: 'Institutional name, in the official language(s); never a person' })
  name: Partial<Record<Language, string>>;
  @ApiProperty({ type: SourceDto }) source: SourceDto;
  @ApiPropertyOptional({ example: 'The unit within the Fiscalía General de la República that handles incoming requests was not confirmed.' })
  unconfirmed?: string;
}

class TreatyDto {
  @ApiProperty({ enum: LEGAL_BASES, example: 'UNTOC_ART18' }) basis: LegalBasis;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ type: SourceDto }) source: SourceDto;
  @ApiPropertyOptional() unconfirmed?: string;
}

export class CountryProfileDto {
  @ApiProperty({ enum: COUNTRY_CODES, example: 'MX' }) code: CountryCode;
  @ApiProperty({ type: CountryNameDto }) name: CountryNameDto;
  @ApiProperty({ type: LanguagesDto }) languages: LanguagesDto;
  @ApiProperty({ type: InstitutionDto, description: 'The central authority designated under UNTOC art. 18(13)' }) centralAuthority: InstitutionDto;
  @ApiProperty({ type: InstitutionDto, description: 'The foreign ministry that authorizes liaisons and transmits requests' }) cancilleria: InstitutionDto;
  @ApiProperty({ type: [TreatyDto], description: 'Multilateral instruments the country is a party to' }) treaties: TreatyDto[];
}

export class ProfileSourcesDto {
  @ApiProperty({ example: '2026-11-28', description: 'The version of the reviewed data file' }) version: string;
  @ApiProperty({ type: [SourceDto] }) sources: SourceDto[];
  @ApiProperty({ type: [String], description: 'What the data file says could not be confirmed' }) unconfirmed: string[];
}
