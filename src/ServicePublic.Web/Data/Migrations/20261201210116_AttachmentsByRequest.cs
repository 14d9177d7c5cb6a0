using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AttachmentsByRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_attachments_request_id",
                table: "attachments",
                column: "request_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_attachments_request_id",
                table: "attachments");
        }
    }
}
