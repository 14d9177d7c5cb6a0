using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueOrderAndPaidIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_requests_procedure_version_id",
                table: "requests");

            migrationBuilder.CreateIndex(
                name: "ix_requests_procedure_version_id_status",
                table: "requests",
                columns: new[] { "procedure_version_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_requests_queue_order",
                table: "requests",
                columns: new[] { "due_at", "submitted_at", "created_at" },
                filter: "status <> 'Draft'")
                .Annotation("Npgsql:IndexInclude", new[] { "procedure_version_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_request_id_status",
                table: "payments",
                columns: new[] { "request_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_requests_procedure_version_id_status",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_queue_order",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_payments_request_id_status",
                table: "payments");

            migrationBuilder.CreateIndex(
                name: "ix_requests_procedure_version_id",
                table: "requests",
                column: "procedure_version_id");
        }
    }
}
