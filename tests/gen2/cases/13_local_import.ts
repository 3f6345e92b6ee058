// Parts of the schema in other files: a spread of an exported object, a re-export, a default export.
import { a, defineData } from '@aws-amplify/backend';
import { libraryModels } from './models/library';
import { Genre } from './models';
import members from './models/members';

const schema = a
  .schema({
    ...libraryModels,
    Genre,
    ...members,
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
