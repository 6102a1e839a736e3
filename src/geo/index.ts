// The geo layer's surface: the city gazetteer and place linking.
export {
  type CandidateOptions,
  type City,
  Gazetteer,
  type GazetteerStats,
  gazetteer,
  gazetteerStats,
  geoKey,
  type Spelling,
  spelling,
  spellingDistance,
} from './gazetteer.js';
export { countryReading, linkPlaces } from './link.js';
