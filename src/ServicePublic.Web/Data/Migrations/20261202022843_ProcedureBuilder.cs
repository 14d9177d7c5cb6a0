using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProcedureBuilder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "moved_from_version_id",
                table: "requests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_edited_online",
                table: "procedures",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "eligibility",
                table: "procedure_versions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "procedure_drafts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    procedure_id = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    based_on_version = table.Column<int>(type: "integer", nullable: true),
                    edited_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    publish_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    scheduled_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procedure_drafts", x => x.id);
                    table.ForeignKey(
                        name: "fk_procedure_drafts_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "id", "concurrency_stamp", "name", "normalized_name" },
                values: new object[,]
                {
                    { "editor", "editor", "Editor", "EDITOR" },
                    { "publisher", "publisher", "Publisher", "PUBLISHER" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_procedure_drafts_procedure_id",
                table: "procedure_drafts",
                column: "procedure_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_procedure_drafts_publish_at",
                table: "procedure_drafts",
                column: "publish_at",
                filter: "publish_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "procedure_drafts");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "id",
                keyValue: "editor");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "id",
                keyValue: "publisher");

            migrationBuilder.DropColumn(
                name: "moved_from_version_id",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "is_edited_online",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "eligibility",
                table: "procedure_versions");
        }
    }
}
