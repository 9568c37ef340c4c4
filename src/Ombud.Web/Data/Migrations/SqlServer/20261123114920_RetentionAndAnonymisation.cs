using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RetentionAndAnonymisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RetentionMonths",
                table: "Units",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAtUtc",
                table: "Clients",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DisposeOn",
                table: "Clients",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RetentionMonths",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "AnonymisedAtUtc",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "DisposeOn",
                table: "Clients");
        }
    }
}
