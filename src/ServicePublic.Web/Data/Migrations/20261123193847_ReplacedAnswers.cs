using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePublic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReplacedAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "replaced_answers",
                table: "requests",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "replaced_answers",
                table: "requests");
        }
    }
}
