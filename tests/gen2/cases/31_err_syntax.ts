// A missing closing parenthesis.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Note: a.model({ text: a.string( }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
