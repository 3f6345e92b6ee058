// Every scalar builder, plain, required and as a list.
import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Sample: a.model({
      anId: a.id(),
      text: a.string().required(),
      count: a.integer(),
      ratio: a.float().array(),
      flag: a.boolean(),
      day: a.date(),
      clock: a.time(),
      moment: a.datetime().required(),
      epoch: a.timestamp(),
      mail: a.email(),
      blob: a.json(),
      tel: a.phone(),
      link: a.url().array().required(),
      ip: a.ipAddress(),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;
export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'apiKey' } });
