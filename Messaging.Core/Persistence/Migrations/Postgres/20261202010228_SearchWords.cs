using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Messaging.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SearchText_Fts",
                table: "Messages");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchWords",
                table: "Messages",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple'::regconfig, \"SearchText\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SearchWords",
                table: "Messages",
                column: "SearchWords")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SearchWords",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SearchWords",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SearchText_Fts",
                table: "Messages",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "simple");
        }
    }
}
