using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnitsAsTenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Mandates_ClosedOn",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_StartDate",
                table: "Mandates");

            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "Mandates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            // Existing rows: each mandate takes its client's unit; audit entries the unit of their user, else of their client.
            migrationBuilder.Sql("UPDATE Mandates SET UnitId = (SELECT c.UnitId FROM Clients c WHERE c.Id = Mandates.ClientId);");
            migrationBuilder.Sql("UPDATE AuditEntries SET UnitId = COALESCE((SELECT u.UnitId FROM AspNetUsers u WHERE u.Id = AuditEntries.UserId), " +
                "(SELECT c.UnitId FROM Clients c WHERE c.Id = AuditEntries.ClientId));");

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_UnitId_ClosedOn",
                table: "Mandates",
                columns: new[] { "UnitId", "ClosedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_UnitId_RegisteredOn",
                table: "Mandates",
                columns: new[] { "UnitId", "RegisteredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_UnitId_StartDate",
                table: "Mandates",
                columns: new[] { "UnitId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_UnitId_Status",
                table: "Mandates",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UnitId_AtUtc",
                table: "AuditEntries",
                columns: new[] { "UnitId", "AtUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_Mandates_Units_UnitId",
                table: "Mandates",
                column: "UnitId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Mandates_Units_UnitId",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_UnitId_ClosedOn",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_UnitId_RegisteredOn",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_UnitId_StartDate",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_UnitId_Status",
                table: "Mandates");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UnitId_AtUtc",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "Mandates");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_ClosedOn",
                table: "Mandates",
                column: "ClosedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_StartDate",
                table: "Mandates",
                column: "StartDate");
        }
    }
}
