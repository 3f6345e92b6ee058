export { Genre } from './genre';
