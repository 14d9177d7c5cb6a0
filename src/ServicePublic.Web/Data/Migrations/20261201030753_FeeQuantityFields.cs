using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <summary>
    /// Per-unit fees now name the form field their quantity is read from; it used to be guessed
    /// from the unit. Versions published before (drafts and requests still point to them) get the
    /// name the guess gave, so their fees are computed as they were.
    /// </summary>
    public partial class FeeQuantityFields : Migration
    {
        /// <summary>The former guess (by unit, first match wins), written into every per-unit fee without a quantity field.</summary>
        public const string NameQuantityFields = """
            UPDATE procedure_versions v
            SET fees = (
                SELECT jsonb_agg(
                    CASE WHEN e.fee->>'Kind' = 'PerUnit' AND coalesce(e.fee->>'QuantityField', '') = ''
                    THEN jsonb_set(e.fee, '{QuantityField}', to_jsonb(CASE
                        WHEN e.fee->>'Unit' LIKE '%km²%' THEN 'superficie-km2'
                        WHEN e.fee->>'Unit' LIKE '%hectare%' THEN 'superficie-ha'
                        WHEN e.fee->>'Unit' LIKE '%m³%' THEN 'volume-m3'
                        WHEN e.fee->>'Unit' LIKE '%m²%' THEN 'surface-m2'
                        WHEN e.fee->>'Unit' LIKE '%camion%' THEN 'nombre-camions'
                        WHEN e.fee->>'Unit' LIKE '%feuille%' THEN 'nombre-feuilles'
                        WHEN e.fee->>'Unit' LIKE '%chargement%' THEN 'nombre-chargements'
                        WHEN e.fee->>'Unit' LIKE '%document%' THEN 'nombre-documents'
                        ELSE 'quantite' END))
                    ELSE e.fee END
                    ORDER BY e.position)
                FROM jsonb_array_elements(v.fees) WITH ORDINALITY AS e(fee, position))
            WHERE EXISTS (
                SELECT 1 FROM jsonb_array_elements(v.fees) AS f(fee)
                WHERE f.fee->>'Kind' = 'PerUnit' AND coalesce(f.fee->>'QuantityField', '') = '');
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(NameQuantityFields);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the names are what the code before this migration guessed.
        }
    }
}
