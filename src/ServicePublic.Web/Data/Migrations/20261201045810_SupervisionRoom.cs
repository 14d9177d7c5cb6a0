using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionRoom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "awaiting_applicant_since",
                table: "requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "decided_at",
                table: "requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decided_by_id",
                table: "requests",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "filed_at",
                table: "requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "time_with_applicant",
                table: "requests",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "target_delay_days",
                table: "procedures",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "programmes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ministry_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programmes", x => x.id);
                    table.ForeignKey(
                        name: "fk_programmes_ministries_ministry_id",
                        column: x => x.ministry_id,
                        principalTable: "ministries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    programme_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    procedure_id = table.Column<int>(type: "integer", nullable: true),
                    baseline_year = table.Column<int>(type: "integer", nullable: false),
                    baseline = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicators", x => x.id);
                    table.ForeignKey(
                        name: "fk_indicators_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_indicators_programmes_programme_id",
                        column: x => x.programme_id,
                        principalTable: "programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "indicator_targets",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicator_targets", x => new { x.indicator_id, x.year });
                    table.ForeignKey(
                        name: "fk_indicator_targets_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_indicators_procedure_id",
                table: "indicators",
                column: "procedure_id");

            migrationBuilder.CreateIndex(
                name: "ix_indicators_programme_id",
                table: "indicators",
                column: "programme_id");

            migrationBuilder.CreateIndex(
                name: "ix_programmes_ministry_id_code",
                table: "programmes",
                columns: new[] { "ministry_id", "code" },
                unique: true);
        
            migrationBuilder.Sql(SupervisionSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SupervisionSql.Drop);

            migrationBuilder.DropTable(
                name: "indicator_targets");

            migrationBuilder.DropTable(
                name: "indicators");

            migrationBuilder.DropTable(
                name: "programmes");

            migrationBuilder.DropColumn(
                name: "awaiting_applicant_since",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "decided_at",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "decided_by_id",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "filed_at",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "time_with_applicant",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "target_delay_days",
                table: "procedures");
        }
    }
}
