using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HasLink",
                table: "Messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SearchText_Fts",
                table: "Messages",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "simple");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SearchText_Fts",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "HasLink",
                table: "Messages");
        }
    }
}
