using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "audit_entries",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "previous_hash",
                table: "audit_entries",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "audit_entries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Existing entries join the chain in id order, hashed exactly as AuditHash.Canonical does.
            migrationBuilder.Sql(BackFill);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_sequence",
                table: "audit_entries",
                column: "sequence",
                unique: true);

            // Append-only at the database level too: UPDATE, DELETE and TRUNCATE are refused, whatever
            // the code path (a bug, an injected statement). Someone with the table owner's rights can
            // still disable the trigger; the hash chain is what catches that.
            migrationBuilder.Sql(AppendOnly);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_entries_append_only ON audit_entries;
                DROP TRIGGER audit_entries_no_truncate ON audit_entries;
                DROP FUNCTION audit_entries_append_only();
                """);

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_sequence",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "previous_hash",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "audit_entries");
        }

        private const string BackFill = """
            DO $$
            DECLARE
                r record;
                prev_hash text := repeat('0', 64);
                next_hash text;
            BEGIN
                FOR r IN SELECT id, row_number() OVER (ORDER BY id) AS seq, occurred_at, action, actor_id, subject_id, ip_address, details
                         FROM audit_entries ORDER BY id
                LOOP
                    next_hash := encode(sha256(convert_to('sp-audit-v1'
                        || '|' || coalesce(octet_length(convert_to(r.seq::text, 'UTF8')) || ':' || r.seq::text, '-')
                        || '|' || coalesce(octet_length(convert_to(to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'UTF8'))
                                  || ':' || to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '-')
                        || '|' || coalesce(octet_length(convert_to(r.action, 'UTF8')) || ':' || r.action, '-')
                        || '|' || coalesce(octet_length(convert_to(r.actor_id, 'UTF8')) || ':' || r.actor_id, '-')
                        || '|' || coalesce(octet_length(convert_to(r.subject_id, 'UTF8')) || ':' || r.subject_id, '-')
                        || '|' || coalesce(octet_length(convert_to(r.ip_address, 'UTF8')) || ':' || r.ip_address, '-')
                        || '|' || coalesce(octet_length(convert_to(r.details, 'UTF8')) || ':' || r.details, '-')
                        || '|' || '64:' || prev_hash, 'UTF8')), 'hex');
                    UPDATE audit_entries SET sequence = r.seq, previous_hash = prev_hash, hash = next_hash WHERE id = r.id;
                    prev_hash := next_hash;
                END LOOP;
            END $$;
            """;

        private const string AppendOnly = """
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP;
            END $$;
            CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
            CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
            """;
    }
}
