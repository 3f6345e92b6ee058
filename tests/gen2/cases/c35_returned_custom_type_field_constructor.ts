// Object.prototype names elsewhere
import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Out: a.customType({ constructor: a.string() }),
    Note: a.model({ text: a.string() }),
    echo: a.query()
      .returns(a.ref('Out'))
      .handler(a.handler.custom({ entry: './echo.js' })),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;
export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'apiKey' } });
