import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsInt,
  Max,
  Min,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date.js';
import {
  COUNTRY_CODES,
  LANGUAGES,
  LEGAL_BASES,
  MEASURE_TYPES,
  PERSON_ROLES,
  PROCEEDING_TYPES,
  SMUGGLING_CONDUCTS,
  UNTOC_OFFENCE_CATEGORIES,
  VULNERABILITY_CODES,
  TRANSLATABLE_FIELDS,
  isTextsKey,
  type CountryCode,
  type Language,
  type LegalBasis,
  type MeasureType,
  type PersonRole,
  type ProceedingType,
  type SmugglingConduct,
  type UntocOffenceCategory,
  type VulnerabilityCode,
} from '@enlace/workflows';

// Bounds keep one request within what a clerk can read and a PDF can carry; the body limit caps the rest.
const SHORT = 300;
const LONG = 20_000;
const LIST = 100;

class ProceedingDto {
  @ApiProperty({ enum: PROCEEDING_TYPES }) @IsIn(PROCEEDING_TYPES) type: ProceedingType;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(SHORT) authority: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) stage?: string;
}

class OffenseDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(SHORT) name: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(SHORT) legalProvision: string;
  @ApiPropertyOptional({ description: 'The text of the provision cited' }) @IsOptional() @IsString() @MaxLength(LONG) provisionText?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) maxPenalty?: string;
  @ApiPropertyOptional({ description: 'The statute of limitations: the period and when it runs out' })
  @IsOptional() @IsString() @MaxLength(LONG) limitation?: string;
  @ApiPropertyOptional({ enum: SMUGGLING_CONDUCTS, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(SMUGGLING_CONDUCTS.length) @IsIn(SMUGGLING_CONDUCTS, { each: true })
  conduct?: SmugglingConduct[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) aggravating?: string;
}

class PeriodDto {
  @ApiPropertyOptional({ example: '2025-01-01', format: 'date' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2025-12-31', format: 'date' }) @IsOptional() @IsCalendarDate() to?: string;
}

class HearingDto {
  @ApiPropertyOptional({ example: '2026-12-10T15:00' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-10T18:00' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ example: 'America/Guatemala' }) @IsOptional() @IsString() @MaxLength(60) timeZone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) technicalContact?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) interpreter?: string;
}

class ConsentDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() given?: boolean;
  @ApiPropertyOptional({ example: '2026-11-20', format: 'date' }) @IsOptional() @IsCalendarDate() date?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) record?: string;
}

/**
 * A measure: its type and description, and the structured fields of its type (every one optional
 * while drafting; SUBMIT names those its type requires, workflows/rules/measure.rules.ts).
 */
class MeasureDto {
  @ApiProperty({ enum: MEASURE_TYPES }) @IsIn(MEASURE_TYPES) type: MeasureType;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LONG) description: string;
  @ApiPropertyOptional({ description: 'testimony, videoconference_hearing: who is heard' }) @IsOptional() @IsString() @MaxLength(SHORT) witness?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST) @IsString({ each: true }) @MaxLength(LONG, { each: true })
  questions?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) details?: string;
  @ApiPropertyOptional({ description: 'search_and_seizure: the place to be searched' }) @IsOptional() @IsString() @MaxLength(SHORT) place?: string;
  @ApiPropertyOptional({ description: 'search_and_seizure: the items sought' }) @IsOptional() @IsString() @MaxLength(LONG) itemsSought?: string;
  @ApiPropertyOptional({ description: 'search_and_seizure: the grounds to believe they are there' }) @IsOptional() @IsString() @MaxLength(LONG) grounds?: string;
  @ApiPropertyOptional({ description: 'bank_records: the institution' }) @IsOptional() @IsString() @MaxLength(SHORT) institution?: string;
  @ApiPropertyOptional({ description: 'bank_records: the account' }) @IsOptional() @IsString() @MaxLength(SHORT) account?: string;
  @ApiPropertyOptional({ description: 'bank_records: the account holder' }) @IsOptional() @IsString() @MaxLength(SHORT) accountHolder?: string;
  @ApiPropertyOptional({ type: PeriodDto, description: 'bank_records, electronic_evidence: the period of the records' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PeriodDto) period?: PeriodDto;
  @ApiPropertyOptional({ description: 'electronic_evidence: the service provider' }) @IsOptional() @IsString() @MaxLength(SHORT) provider?: string;
  @ApiPropertyOptional({ type: [String], description: 'electronic_evidence: numbers, accounts, addresses searched by' })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(SHORT, { each: true })
  identifiers?: string[];
  @ApiPropertyOptional({ description: 'electronic_evidence: the reference of the preservation already asked' })
  @IsOptional() @IsString() @MaxLength(SHORT) preservationReference?: string;
  @ApiPropertyOptional({ type: HearingDto, description: 'videoconference_hearing: its logistics' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => HearingDto) hearing?: HearingDto;
  @ApiPropertyOptional({ description: 'transfer_detained_person: who is transferred' }) @IsOptional() @IsString() @MaxLength(SHORT) detainedPerson?: string;
  @ApiPropertyOptional({ type: ConsentDto, description: 'transfer_detained_person: their consent (UNTOC art. 18(10)(a))' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ConsentDto) consent?: ConsentDto;
}

class PersonDto {
  @ApiProperty({ enum: PERSON_ROLES }) @IsIn(PERSON_ROLES) role: PersonRole;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(SHORT) fullName: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) nationality?: string;
  @ApiPropertyOptional({ example: '2009-04-17', description: 'YYYY-MM-DD, or YYYY-MM or YYYY where no more is known' })
  @IsOptional() @IsCalendarDate({ partial: true }) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) identityDocument?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) location?: string;
  @ApiPropertyOptional({ enum: VULNERABILITY_CODES, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(VULNERABILITY_CODES.length) @IsIn(VULNERABILITY_CODES, { each: true })
  vulnerabilities?: VulnerabilityCode[];
}

class ConfidentialityDto {
  @ApiProperty() @IsBoolean() required: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) reason?: string;
}

class UrgencyDto {
  @ApiProperty() @IsBoolean() urgent: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) reason?: string;
  @ApiPropertyOptional({ example: '2026-12-15', format: 'date' }) @IsOptional() @IsCalendarDate() deadline?: string;
}

class ContactDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(SHORT) name: string;
  @ApiProperty() @IsEmail() @MaxLength(SHORT) email: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) phone?: string;
  @ApiPropertyOptional({ enum: LANGUAGES, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(LANGUAGES.length) @IsIn(LANGUAGES, { each: true })
  languages?: Language[];
}

class PriorExchangeDto {
  @ApiProperty({ example: '2026-10-02', format: 'date' }) @IsCalendarDate() date: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(SHORT) counterpart: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LONG) summary: string;
}

class UntocScopeDto {
  @ApiPropertyOptional({ enum: UNTOC_OFFENCE_CATEGORIES }) @IsOptional() @IsIn(UNTOC_OFFENCE_CATEGORIES) category?: UntocOffenceCategory;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) transnational?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) organizedGroup?: string;
}

class ExecutionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) personsPresent?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) certification?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() returnOriginals?: boolean;
}

class CostsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() extraordinary?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) details?: string;
}

class RelatedRequestDto {
  @ApiProperty({ enum: COUNTRY_CODES }) @IsIn(COUNTRY_CODES) country: CountryCode;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) reference?: string;
  @ApiPropertyOptional({ example: '2026-03-02', format: 'date' }) @IsOptional() @IsCalendarDate() date?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LONG) summary: string;
}

class ProtectionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) measures?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) interpreters?: string;
}

class DataProtectionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) safeguards?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) retention?: string;
}

class TranslatorAttestationDto {
  @ApiProperty({ example: 'Jane R. Doe' }) @IsString() @IsNotEmpty() @MaxLength(SHORT) translatorName: string;
  @ApiProperty({ example: 'Sworn translator (Spanish–English), No. 1234' }) @IsString() @IsNotEmpty() @MaxLength(SHORT) qualification: string;
  @ApiProperty({ example: '2026-11-20', format: 'date' }) @IsCalendarDate() date: string;
}

/** `texts`: each key a concrete path of a free text of the request (TRANSLATABLE_FIELDS), each value its translation. */
const IsTranslatedTexts = () =>
  ValidateBy({
    name: 'translated_texts',
    validator: {
      validate: (value: unknown) =>
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length <= 2_000 &&
        Object.entries(value).every(([key, text]) => isTextsKey(key) && typeof text === 'string' && text.length <= LONG),
      defaultMessage: () => `texts maps the path of a free text of the request (${TRANSLATABLE_FIELDS.join(', ')}, with indexes) to its translation`,
    },
  });

/**
 * A translation of the request. The contract's four places (title, facts, purpose, one string per
 * measure's description) and `texts` for every other free text; blanks are reported by SUBMIT, by name.
 */
class TranslationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) summaryOfFacts?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) purpose?: string;
  @ApiPropertyOptional({ type: [String], description: 'One translated description per measure, in the order of `measures`' })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST) @IsString({ each: true }) @MaxLength(LONG, { each: true }) measures?: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Every other free text of the request, by the path of its original, e.g. {"offenses[0].name": "...", "measures[1].questions[0]": "..."}',
  })
  @IsOptional() @IsTranslatedTexts() texts?: Record<string, string>;
  @ApiPropertyOptional({ type: TranslatorAttestationDto, description: 'The translator who answers for the translation (also for a certified translation annexed in this language)' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TranslatorAttestationDto) attestation?: TranslatorAttestationDto;
}

class TranslationsDto {
  @ApiPropertyOptional({ type: TranslationDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => TranslationDto) es?: TranslationDto;
  @ApiPropertyOptional({ type: TranslationDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => TranslationDto) en?: TranslationDto;
  @ApiPropertyOptional({ type: TranslationDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => TranslationDto) fr?: TranslationDto;
}

/** The request fields of the contract; every one optional while drafting, as `missing` reports. */
class RequestContentDto {
  @ApiPropertyOptional({ example: 'Red de tráfico ilícito de migrantes "Los Coyotes"' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(SHORT) title?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @ApiPropertyOptional({ example: 'MP-FECTM-2026-0457' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(SHORT) caseReference?: string;
  @ApiPropertyOptional({ type: ProceedingDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ProceedingDto) proceeding?: ProceedingDto;
  @ApiPropertyOptional({ enum: LEGAL_BASES, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(LEGAL_BASES.length) @IsIn(LEGAL_BASES, { each: true })
  legalBasis?: LegalBasis[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(SHORT) bilateralTreaty?: string;
  @ApiPropertyOptional({ type: [OffenseDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => OffenseDto)
  offenses?: OffenseDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) summaryOfFacts?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) purpose?: string;
  @ApiPropertyOptional({ type: [MeasureDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => MeasureDto)
  measures?: MeasureDto[];
  @ApiPropertyOptional({ type: [PersonDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PersonDto)
  persons?: PersonDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LONG) procedures?: string;
  @ApiPropertyOptional({ type: ConfidentialityDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ConfidentialityDto) confidentiality?: ConfidentialityDto;
  @ApiPropertyOptional({ type: UrgencyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => UrgencyDto) urgency?: UrgencyDto;
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
  @ApiPropertyOptional({ type: [PriorExchangeDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PriorExchangeDto)
  priorInformalExchanges?: PriorExchangeDto[];
  @ApiPropertyOptional({ type: TranslationsDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TranslationsDto) translations?: TranslationsDto;
  @ApiPropertyOptional({ type: UntocScopeDto, description: 'Why the conduct falls under UNTOC; required at SUBMIT when UNTOC_ART18 or SOM_PROTOCOL is invoked' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => UntocScopeDto) untocScope?: UntocScopeDto;
  @ApiPropertyOptional({ description: 'Dual criminality; required at SUBMIT for coercive measures under Nassau, the 1993 Central American treaty or the MX-DO treaty' })
  @IsOptional() @IsString() @MaxLength(LONG) dualCriminality?: string;
  @ApiPropertyOptional({ description: 'Required at SUBMIT when RECIPROCITY is invoked' }) @IsOptional() @IsString() @MaxLength(LONG) reciprocityUndertaking?: string;
  @ApiPropertyOptional({ type: ExecutionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ExecutionDto) execution?: ExecutionDto;
  @ApiPropertyOptional({ type: CostsDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CostsDto) costs?: CostsDto;
  @ApiPropertyOptional({ type: [RelatedRequestDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIST) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => RelatedRequestDto)
  relatedRequests?: RelatedRequestDto[];
  @ApiPropertyOptional({ description: 'Whether the standardized form names the other States asked in the same case (not unless true); the related requests above always print' })
  @IsOptional() @IsBoolean() discloseOtherStatesAsked?: boolean;
  @ApiPropertyOptional({ type: ProtectionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ProtectionDto) protection?: ProtectionDto;
  @ApiPropertyOptional({ type: DataProtectionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => DataProtectionDto) dataProtection?: DataProtectionDto;
}

export class CreateRequestDto extends RequestContentDto {
  @ApiProperty({ enum: COUNTRY_CODES, example: 'MX' }) @IsIn(COUNTRY_CODES) requestedCountry: CountryCode;
}

export class UpdateRequestDto extends PartialType(CreateRequestDto) {
  @ApiProperty({ description: 'The version the change is based on; a stale one answers 409 version_conflict' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  expectedVersion: number;
}
