// A const used before its declaration (a ReferenceError in Node).
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({ Note: Note })
  .authorization((allow) => [allow.publicApiKey()]);

const Note = a.model({ text: a.string() });

export const data = defineData({ schema });
