using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Appointments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "appointment_invited_at",
                table: "requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "in_person_steps",
                columns: table => new
                {
                    procedure_id = table.Column<int>(type: "integer", nullable: false),
                    opening = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    slot_minutes = table.Column<int>(type: "integer", nullable: false),
                    people_per_slot = table.Column<int>(type: "integer", nullable: false),
                    change_until_hours = table.Column<int>(type: "integer", nullable: false),
                    what_to_bring = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    place_ids = table.Column<List<int>>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_in_person_steps", x => x.procedure_id);
                    table.ForeignKey(
                        name: "fk_in_person_steps_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "places",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    office_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    hours = table.Column<string>(type: "jsonb", nullable: false),
                    closures = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_places", x => x.id);
                    table.ForeignKey(
                        name: "fk_places_offices_office_id",
                        column: x => x.office_id,
                        principalTable: "offices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "appointment_slots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    place_id = table.Column<int>(type: "integer", nullable: false),
                    procedure_id = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    minutes = table.Column<int>(type: "integer", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    booked = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_slots", x => x.id);
                    table.CheckConstraint("ck_appointment_slots_minutes", "minutes > 0");
                    table.CheckConstraint("ck_appointment_slots_within_capacity", "booked >= 0 AND booked <= capacity");
                    table.ForeignKey(
                        name: "fk_appointment_slots_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_appointment_slots_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot_id = table.Column<long>(type: "bigint", nullable: false),
                    code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    booked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    booked_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    at_counter = table.Column<bool>(type: "boolean", nullable: false),
                    first_reminder_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_reminder_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reminders_sent = table.Column<int>(type: "integer", nullable: false),
                    wants_earlier = table.Column<bool>(type: "boolean", nullable: false),
                    earlier_offers = table.Column<int>(type: "integer", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointments", x => x.id);
                    table.ForeignKey(
                        name: "fk_appointments_appointment_slots_slot_id",
                        column: x => x.slot_id,
                        principalTable: "appointment_slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_appointments_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_slots_place_id",
                table: "appointment_slots",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointment_slots_procedure_id_place_id_starts_at",
                table: "appointment_slots",
                columns: new[] { "procedure_id", "place_id", "starts_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appointments_reminders",
                table: "appointments",
                column: "starts_at",
                filter: "status = 'Booked' AND (first_reminder_at IS NOT NULL OR last_reminder_at IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_request_id",
                table: "appointments",
                column: "request_id",
                unique: true,
                filter: "status IN ('Booked', 'Present')");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_request_id1",
                table: "appointments",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_slot_id",
                table: "appointments",
                column: "slot_id");

            migrationBuilder.CreateIndex(
                name: "ix_places_office_id_name",
                table: "places",
                columns: new[] { "office_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appointments");

            migrationBuilder.DropTable(
                name: "in_person_steps");

            migrationBuilder.DropTable(
                name: "appointment_slots");

            migrationBuilder.DropTable(
                name: "places");

            migrationBuilder.DropColumn(
                name: "appointment_invited_at",
                table: "requests");
        }
    }
}
