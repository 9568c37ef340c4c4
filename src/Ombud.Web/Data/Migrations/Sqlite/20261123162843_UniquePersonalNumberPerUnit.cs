using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UniquePersonalNumberPerUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_UnitId",
                table: "Clients");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_UnitId_PersonalNumber",
                table: "Clients",
                columns: new[] { "UnitId", "PersonalNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_UnitId_PersonalNumber",
                table: "Clients");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_UnitId",
                table: "Clients",
                column: "UnitId");
        }
    }
}
