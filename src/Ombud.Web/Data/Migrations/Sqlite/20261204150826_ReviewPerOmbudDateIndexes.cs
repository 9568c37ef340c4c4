using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewPerOmbudDateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Mandates_OmbudId_Status",
                table: "Mandates");

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_OmbudId_ClosedOn_StartDate_UnitId",
                table: "Mandates",
                columns: new[] { "OmbudId", "ClosedOn", "StartDate", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_OmbudId_RegisteredOn_StartDate_UnitId",
                table: "Mandates",
                columns: new[] { "OmbudId", "RegisteredOn", "StartDate", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_OmbudId_StartDate_UnitId",
                table: "Mandates",
                columns: new[] { "OmbudId", "StartDate", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_OmbudId_Status_UnitId",
                table: "Mandates",
                columns: new[] { "OmbudId", "Status", "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Mandates_OmbudId_ClosedOn_StartDate_UnitId",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_OmbudId_RegisteredOn_StartDate_UnitId",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_OmbudId_StartDate_UnitId",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_OmbudId_Status_UnitId",
                table: "Mandates");

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_OmbudId_Status",
                table: "Mandates",
                columns: new[] { "OmbudId", "Status" });
        }
    }
}
