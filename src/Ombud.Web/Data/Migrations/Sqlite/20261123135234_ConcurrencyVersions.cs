using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConcurrencyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "SystemFaults",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "SteeringGroupMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "SteeringGroupMeetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "SipMeetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Needs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Mandates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Consents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Clients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Categories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "AuthorityContacts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Actors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "SystemFaults");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SteeringGroupMembers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SteeringGroupMeetings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SipMeetings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Needs");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Mandates");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Consents");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Categories");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "AuthorityContacts");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Actors");
        }
    }
}
