using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IssuedDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "issued_document_numbers");

            migrationBuilder.CreateTable(
                name: "issued_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    holder_reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    conditions = table.Column<string>(type: "jsonb", nullable: false),
                    ministry_id = table.Column<int>(type: "integer", nullable: false),
                    ministry_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    office_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    issued_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    verification_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    revocation_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    payload = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issued_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_issued_documents_asp_net_users_issued_by_id",
                        column: x => x.issued_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_issued_documents_asp_net_users_revoked_by_id",
                        column: x => x.revoked_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_issued_documents_ministries_ministry_id",
                        column: x => x.ministry_id,
                        principalTable: "ministries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_issued_documents_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_issued_by_id",
                table: "issued_documents",
                column: "issued_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_ministry_id",
                table: "issued_documents",
                column: "ministry_id");

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_number",
                table: "issued_documents",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_request_id",
                table: "issued_documents",
                column: "request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_revoked_by_id",
                table: "issued_documents",
                column: "revoked_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_verification_code",
                table: "issued_documents",
                column: "verification_code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "issued_documents");

            migrationBuilder.DropSequence(
                name: "issued_document_numbers");
        }
    }
}
