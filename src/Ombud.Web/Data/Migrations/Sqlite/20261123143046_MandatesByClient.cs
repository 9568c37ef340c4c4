using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MandatesByClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Mandates_ClientId_RegisteredOn",
                table: "Mandates",
                columns: new[] { "ClientId", "RegisteredOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Mandates_ClientId_RegisteredOn",
                table: "Mandates");
        }
    }
}
