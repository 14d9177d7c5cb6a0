using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,");

            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ministries",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    acronym = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ministries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "procedure_search_hit",
                columns: table => new
                {
                    version_id = table.Column<int>(type: "integer", nullable: false),
                    rank = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                });

            migrationBuilder.CreateTable(
                name: "offices",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ministry_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_offices", x => x.id);
                    table.ForeignKey(
                        name: "fk_offices_ministries_ministry_id",
                        column: x => x.ministry_id,
                        principalTable: "ministries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "procedures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ministry_id = table.Column<int>(type: "integer", nullable: false),
                    office_id = table.Column<int>(type: "integer", nullable: true),
                    category_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    suspension_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    is_online = table.Column<bool>(type: "boolean", nullable: false),
                    popularity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procedures", x => x.id);
                    table.ForeignKey(
                        name: "fk_procedures_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_procedures_ministries_ministry_id",
                        column: x => x.ministry_id,
                        principalTable: "ministries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_procedures_offices_office_id",
                        column: x => x.office_id,
                        principalTable: "offices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "procedure_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    procedure_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    is_current = table.Column<bool>(type: "boolean", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    audience_conditions = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    conditions = table.Column<List<string>>(type: "text[]", nullable: false),
                    steps = table.Column<List<string>>(type: "text[]", nullable: false),
                    processing_time_text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    processing_time_min_days = table.Column<int>(type: "integer", nullable: true),
                    processing_time_max_days = table.Column<int>(type: "integer", nullable: true),
                    validity = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    legal_basis = table.Column<string>(type: "text", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    documents = table.Column<string>(type: "jsonb", nullable: true),
                    fees = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procedure_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_procedure_versions_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_categories_slug",
                table: "categories",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ministries_code",
                table: "ministries",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_offices_ministry_id_code",
                table: "offices",
                columns: new[] { "ministry_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_procedure_versions_current",
                table: "procedure_versions",
                column: "procedure_id",
                unique: true,
                filter: "is_current");

            migrationBuilder.CreateIndex(
                name: "ix_procedure_versions_procedure_id_number",
                table: "procedure_versions",
                columns: new[] { "procedure_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_procedures_category_id",
                table: "procedures",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_procedures_ministry_id",
                table: "procedures",
                column: "ministry_id");

            migrationBuilder.CreateIndex(
                name: "ix_procedures_office_id",
                table: "procedures",
                column: "office_id");

            migrationBuilder.CreateIndex(
                name: "ix_procedures_slug",
                table: "procedures",
                column: "slug",
                unique: true);

            // French, accent-insensitive search: a text search configuration with unaccent before
            // the French stemmer, a stored generated tsvector, and trigram similarity on titles
            // for typos. search_procedure_versions() ranks current versions for a visitor's query.
            migrationBuilder.Sql("""
                CREATE FUNCTION immutable_unaccent(text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

                CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = pg_catalog.french);
                ALTER TEXT SEARCH CONFIGURATION fr_unaccent
                    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;

                ALTER TABLE procedure_versions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('fr_unaccent'::regconfig, coalesce(title, '')), 'A') ||
                    setweight(to_tsvector('fr_unaccent'::regconfig, coalesce(summary, '')), 'B') ||
                    setweight(to_tsvector('fr_unaccent'::regconfig, coalesce(search_text, '')), 'C') ||
                    setweight(to_tsvector('fr_unaccent'::regconfig, coalesce(description, '')), 'D')) STORED;
                CREATE INDEX ix_procedure_versions_search_vector ON procedure_versions USING gin (search_vector);
                CREATE INDEX ix_procedure_versions_title_trgm ON procedure_versions
                    USING gin (immutable_unaccent(lower(title)) gin_trgm_ops);

                -- Rows matching every word of the query, when there are any; otherwise rows matching
                -- any word (so "permis exploitation mine" still finds permits whose text says
                -- "minière"). Ranked by ts_rank, plus 1 for matching every word. A title whose
                -- words are close to the query (typos: "pasport") always matches and adds its
                -- similarity.
                CREATE FUNCTION search_procedure_versions(query text)
                    RETURNS TABLE (version_id integer, rank double precision)
                    LANGUAGE sql STABLE PARALLEL SAFE
                AS $$
                    WITH input AS (
                        SELECT plainto_tsquery('fr_unaccent', query) AS all_words,
                               immutable_unaccent(lower(query)) AS plain
                    ), terms AS (
                        SELECT all_words,
                               CASE WHEN numnode(all_words) = 0 THEN all_words
                                    ELSE replace(all_words::text, ' & ', ' | ')::tsquery END AS any_word,
                               plain
                        FROM input
                    ), scored AS (
                        SELECT v.id,
                               ts_rank(v.search_vector, t.any_word) AS text_rank,
                               numnode(t.all_words) > 0 AND v.search_vector @@ t.all_words AS every_word,
                               numnode(t.any_word) > 0 AND v.search_vector @@ t.any_word AS some_word,
                               strict_word_similarity(t.plain, immutable_unaccent(lower(v.title))) AS title_similarity
                        FROM procedure_versions v, terms t
                        WHERE v.is_current
                    )
                    SELECT s.id,
                           (s.text_rank + CASE WHEN s.every_word THEN 1 ELSE 0 END + s.title_similarity)::double precision
                    FROM scored s
                    WHERE s.title_similarity >= 0.45
                       OR s.every_word
                       OR (s.some_word AND NOT EXISTS (SELECT 1 FROM scored e WHERE e.every_word))
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS search_procedure_versions(text);
                DROP INDEX IF EXISTS ix_procedure_versions_title_trgm;
                DROP INDEX IF EXISTS ix_procedure_versions_search_vector;
                ALTER TABLE procedure_versions DROP COLUMN IF EXISTS search_vector;
                DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent;
                DROP FUNCTION IF EXISTS immutable_unaccent(text);
                """);

            migrationBuilder.DropTable(
                name: "procedure_search_hit");

            migrationBuilder.DropTable(
                name: "procedure_versions");

            migrationBuilder.DropTable(
                name: "procedures");

            migrationBuilder.DropTable(
                name: "categories");

            migrationBuilder.DropTable(
                name: "offices");

            migrationBuilder.DropTable(
                name: "ministries");
        }
    }
}
