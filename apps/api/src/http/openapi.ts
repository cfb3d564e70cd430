import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto.js';

type Operation = OpenAPIObject['paths'][string]['get'] & object;

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorBodyDto' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_SCHEMA } } });

/**
 * The errors every operation of this API can answer, added where the controller did not declare
 * them itself: 400 when it takes input, 401 and 403 when it needs a token, 404 when a path names
 * something. A controller declares the others (409, 422, 503...) with @ApiResponse({ type: ErrorBodyDto }).
 * An operation without @ApiBearerAuth() is marked as taking no token.
 */
function declareCommonErrors(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      if (!operation?.responses) continue;
      const add = (status: string, description: string) => (operation.responses[status] ??= errorResponse(description));
      operation.security ??= []; // said explicitly: this one takes no token (login, health)
      const secured = operation.security.length > 0;
      if (operation.requestBody || (operation.parameters ?? []).length > 0) add('400', 'validation_failed: the input is not valid (fields names each field at fault)');
      if (secured) {
        add('401', 'unauthorized: no valid bearer token');
        add('403', 'forbidden: this user may not do this');
      }
      if (path.includes('{')) add('404', 'not_found: nothing this user may see has this id');
      // An error a controller declared with a description only carries the error body too.
      for (const [status, response] of Object.entries(operation.responses)) {
        if (/^[45]/.test(status) && response && !('$ref' in response) && !response.content) response.content = errorResponse('').content;
      }
    }
  }
}

/** The OpenAPI document of the API (served at /api/docs/openapi.json, committed as apps/api/openapi.json). */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Enlace')
    .setDescription(
      'Requests for mutual legal assistance in criminal matters between the prosecutors, foreign ministries ' +
        'and central authorities of the Regional Conference on Migration.',
    )
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('http://127.0.0.1:3000', '`npm start` on this machine (PORT 3000)')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorBodyDto],
    // requestsSend, documentsDownload...: the method names of the generated client.
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}${method.replace(/^./, (c) => c.toUpperCase())}`,
  });
  declareCommonErrors(document);
  return document;
}
