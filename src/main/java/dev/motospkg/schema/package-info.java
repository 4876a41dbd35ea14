/**
 * Values validation against the chart's JSON Schema (2020-12). This is the only package that touches networknt
 * json-schema-validator and Jackson; its public API ({@link dev.motospkg.schema.ValuesSchema},
 * {@link dev.motospkg.schema.Violation}) uses plain Java types only.
 */
package dev.motospkg.schema;
