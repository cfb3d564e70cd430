import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ADVANCE_COPY_CHANNELS, EXECUTION_OUTCOMES, REQUEST_EVENT_TYPES, type ExecutionOutcome, type RequestEventType } from '@enlace/workflows';

class EventDataDto {
  @ApiPropertyOptional({ enum: EXECUTION_OUTCOMES, description: 'RECORD_EXECUTION: how far the request was executed' })
  @IsOptional()
  @IsIn(EXECUTION_OUTCOMES)
  outcome?: ExecutionOutcome;

  @ApiPropertyOptional({ description: "ACKNOWLEDGE: the requested side's own file number, printed on the receipt" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  requestedReference?: string;

  @ApiPropertyOptional({ type: [String], description: 'REPORT_EXECUTION_PART and RECORD_EXECUTION: the evidence delivered with this part, one item each' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  evidence?: string[];

  @ApiPropertyOptional({ description: 'POSTPONE: the date (YYYY-MM-DD) until which execution is postponed (UNTOC art. 18(25))', example: '2026-06-30' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  until?: string;

  @ApiPropertyOptional({ description: 'ASSIGN: the executing authority the requested central authority gives the execution to', example: 'Fiscalía Especializada en Delitos contra Migrantes, FGR' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  executingAuthority?: string;

  @ApiPropertyOptional({ description: "REFUSE: the ground cited, one of the route's refusalGrounds (channels.json: UNTOC 18(21), Nassau art. 9, ...)", example: 'untoc_18_21_b' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  ground?: string;

  @ApiPropertyOptional({ description: "SEND_SUPPLEMENTARY_REQUEST: the text (the comment) translated into a language the requested country accepts, required where it does not accept the request's language" })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  translation?: string;

  @ApiPropertyOptional({ type: [String], description: 'SEND_SUPPLEMENTARY_REQUEST: the annexes it encloses, one description each' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  annexes?: string[];

  @ApiPropertyOptional({ enum: ADVANCE_COPY_CHANNELS, description: "RECORD_ADVANCE_COPY: the channel the urgent advance copy went by, one of the route's advanceCopy.channels" })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  channel?: string;

  @ApiPropertyOptional({ description: 'RECORD_ADVANCE_COPY: the day (YYYY-MM-DD) the advance copy was sent, not in the future', example: '2026-03-02' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  sentOn?: string;

  @ApiPropertyOptional({ description: "RECORD_ADVANCE_COPY: the advance copy's reference (the INTERPOL message number, the call's record)", example: 'INTERPOL GT/2026/0415' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reference?: string;
}

export class RequestEventDto {
  @ApiProperty({ enum: REQUEST_EVENT_TYPES }) @IsIn(REQUEST_EVENT_TYPES) type: RequestEventType;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(2_147_483_647) expectedVersion: number;
  @ApiPropertyOptional({ description: 'Required by RETURN, REJECT, REQUEST_INFO, SUPPLY_INFO, RECORD_EXECUTION, REFUSE, WITHDRAW, and the extensions (README: POSTPONE, PROPOSE_CONDITIONS, DECLINE_CONDITIONS, SEND_SUPPLEMENTARY_REQUEST (its text), ...)' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  comment?: string;
  @ApiPropertyOptional({ type: EventDataDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => EventDataDto) data?: EventDataDto;
}
