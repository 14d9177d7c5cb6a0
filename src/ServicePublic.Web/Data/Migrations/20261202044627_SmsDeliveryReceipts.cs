using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SmsDeliveryReceipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "delivery",
                table: "outbox_messages",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_error",
                table: "outbox_messages",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "delivery_reported_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider_message_id",
                table: "outbox_messages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_provider_message_id",
                table: "outbox_messages",
                column: "provider_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sent_at",
                table: "outbox_messages",
                column: "sent_at",
                filter: "delivery = 'Sent'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_provider_message_id",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_sent_at",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "delivery",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "delivery_error",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "delivery_reported_at",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "provider_message_id",
                table: "outbox_messages");
        }
    }
}
