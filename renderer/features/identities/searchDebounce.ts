/**
 * How long the contacts search waits after the last key before it asks the backend. Short
 * enough that results follow the typing (the bench's search_to_results, debounce included,
 * aims at 250 ms at the median), long enough that a name typed at a normal pace is one
 * query, not one per letter. Pure: the bench reads it too.
 */
export const SEARCH_DEBOUNCE_MS = 150;
