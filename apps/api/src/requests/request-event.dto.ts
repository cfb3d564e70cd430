import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { EXECUTION_OUTCOMES, REQUEST_EVENT_TYPES, type ExecutionOutcome, type RequestEventType } from '@enlace/workflows';

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
}

export class RequestEventDto {
  @ApiProperty({ enum: REQUEST_EVENT_TYPES }) @IsIn(REQUEST_EVENT_TYPES) type: RequestEventType;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(2_147_483_647) expectedVersion: number;
  @ApiPropertyOptional({ description: 'Required by RETURN, REJECT, REQUEST_INFO, SUPPLY_INFO, RECORD_EXECUTION, REFUSE, WITHDRAW, and the extensions (README: POSTPONE, PROPOSE_CONDITIONS, DECLINE_CONDITIONS, ...)' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  comment?: string;
  @ApiPropertyOptional({ type: EventDataDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => EventDataDto) data?: EventDataDto;
}
