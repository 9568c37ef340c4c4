using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoverContactActorType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuthorityContacts_MandateId_Date",
                table: "AuthorityContacts");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityContacts_MandateId_Date_ActorId",
                table: "AuthorityContacts",
                columns: new[] { "MandateId", "Date", "ActorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuthorityContacts_MandateId_Date_ActorId",
                table: "AuthorityContacts");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityContacts_MandateId_Date",
                table: "AuthorityContacts",
                columns: new[] { "MandateId", "Date" });
        }
    }
}
