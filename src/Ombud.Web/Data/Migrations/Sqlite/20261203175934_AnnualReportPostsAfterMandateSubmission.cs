using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnnualReportPostsAfterMandateSubmission : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AfterMandateId",
                table: "Mandates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MunicipalityYearPosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    MunicipalityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Posts = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MunicipalityYearPosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MunicipalityYearPosts_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MunicipalityYearPosts_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "YearReportSubmissions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReportJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearReportSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearReportSubmissions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Mandates_AfterMandateId",
                table: "Mandates",
                column: "AfterMandateId");

            migrationBuilder.CreateIndex(
                name: "IX_MunicipalityYearPosts_MunicipalityId_Year",
                table: "MunicipalityYearPosts",
                columns: new[] { "MunicipalityId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MunicipalityYearPosts_UnitId_Year",
                table: "MunicipalityYearPosts",
                columns: new[] { "UnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_YearReportSubmissions_UnitId_Year",
                table: "YearReportSubmissions",
                columns: new[] { "UnitId", "Year" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Mandates_Categories_AfterMandateId",
                table: "Mandates",
                column: "AfterMandateId",
                principalTable: "Categories",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Mandates_Categories_AfterMandateId",
                table: "Mandates");

            migrationBuilder.DropTable(
                name: "MunicipalityYearPosts");

            migrationBuilder.DropTable(
                name: "YearReportSubmissions");

            migrationBuilder.DropIndex(
                name: "IX_Mandates_AfterMandateId",
                table: "Mandates");

            migrationBuilder.DropColumn(
                name: "AfterMandateId",
                table: "Mandates");
        }
    }
}
