using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <summary>
    /// What the supervision room reads of one procedure when only that procedure changed, as index-only
    /// ranges: its durations over 30 days (and the public statistics' 12 months), and its decisions of
    /// the last 7 days per clerk. Without them each read scanned the whole period for every procedure,
    /// or every request of the procedure's version.
    /// </summary>
    public partial class SupervisionPerProcedureIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_supervision_durations_procedure ON supervision_durations (procedure_id, measure, day) INCLUDE (days, requests);
                CREATE INDEX ix_requests_version_decided_at ON requests (procedure_version_id, decided_at)
                    INCLUDE (decided_by_id, status) WHERE decided_at IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_requests_version_decided_at;
                DROP INDEX ix_supervision_durations_procedure;
                """);
        }
    }
}
