import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, CurrentUser, type Principal } from '@enlace/auth';
import { MessagesService } from '@enlace/messages';
import { UuidPipe } from '../http/uuid.pipe.js';
import { MessageDto, PostMessageDto } from './message.dto.js';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @Audited('request.messages')
  @ApiOperation({
    summary: 'The informal exchanges on a shared draft, oldest first',
    description:
      "The creating fiscal, the requested country's authorized liaisons once the draft was shared, and the requesting " +
      "country's cancillería (once submitted). Anyone else, the requested central authority included: 404.",
  })
  @ApiOkResponse({ type: [MessageDto] })
  list(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.messages.list(user, id);
  }

  @Post()
  @Audited('request.message', { refusalsOnly: true })
  @ApiOperation({
    summary: 'Post a message on a shared draft',
    description:
      "The creating fiscal and the requested country's authorized liaisons, after SHARE_DRAFT and until SUBMIT " +
      '(409 invalid_transition otherwise). The cancillería reads but does not post (403). The other parties are notified; ' +
      'STANDARDIZE (and SUBMIT, for later messages) carries each message into priorInformalExchanges.',
  })
  @ApiCreatedResponse({ type: MessageDto })
  post(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Body() body: PostMessageDto) {
    return this.messages.post(user, id, body.body);
  }
}
