// The pre-release authorization syntax a.allow.* no longer exists.
import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Todo: a.model({ content: a.string() }).authorization([a.allow.owner()]),
});

export const data = defineData({ schema });
