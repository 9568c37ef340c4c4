using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReviewPerOmbudDateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Mandates_OmbudId_ClosedOn_StartDate",
                table: "Mandates",
                columns: new[] { "OmbudId", "ClosedOn", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_OmbudId_RegisteredOn_StartDate",
                table: "Mandates",
                columns: new[] { "OmbudId", "RegisteredOn", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_OmbudId_StartDate",
                table: "Mandates",
                columns: new[] { "OmbudId", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Mandates_OmbudId_ClosedOn_StartDate",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_OmbudId_RegisteredOn_StartDate",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_OmbudId_StartDate",
                table: "Mandates");
        }
    }
}
