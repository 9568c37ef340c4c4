using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSystemFaultsAndSteeringGroup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SteeringGroupMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Decisions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SteeringGroupMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SteeringGroupMeetings_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SteeringGroupMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SteeringGroupMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SteeringGroupMembers_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SystemFaults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Consequence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClientsAffected = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SteeringGroupMeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ForwardedToCountyBoard = table.Column<bool>(type: "INTEGER", nullable: false),
                    ForwardedToActor = table.Column<bool>(type: "INTEGER", nullable: false),
                    ForwardedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemFaults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SystemFaults_AspNetUsers_ReportedById",
                        column: x => x.ReportedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemFaults_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemFaults_SteeringGroupMeetings_SteeringGroupMeetingId",
                        column: x => x.SteeringGroupMeetingId,
                        principalTable: "SteeringGroupMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemFaults_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SystemFaultActors",
                columns: table => new
                {
                    ActorId = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemFaultId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemFaultActors", x => new { x.ActorId, x.SystemFaultId });
                    table.ForeignKey(
                        name: "FK_SystemFaultActors_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemFaultActors_SystemFaults_SystemFaultId",
                        column: x => x.SystemFaultId,
                        principalTable: "SystemFaults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SystemFaultNeeds",
                columns: table => new
                {
                    NeedId = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemFaultId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemFaultNeeds", x => new { x.NeedId, x.SystemFaultId });
                    table.ForeignKey(
                        name: "FK_SystemFaultNeeds_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SystemFaultNeeds_SystemFaults_SystemFaultId",
                        column: x => x.SystemFaultId,
                        principalTable: "SystemFaults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SteeringGroupMeetings_UnitId_Date",
                table: "SteeringGroupMeetings",
                columns: new[] { "UnitId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SteeringGroupMembers_UnitId_From",
                table: "SteeringGroupMembers",
                columns: new[] { "UnitId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_SystemFaultActors_SystemFaultId",
                table: "SystemFaultActors",
                column: "SystemFaultId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemFaultNeeds_SystemFaultId",
                table: "SystemFaultNeeds",
                column: "SystemFaultId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemFaults_CategoryId",
                table: "SystemFaults",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemFaults_ReportedById",
                table: "SystemFaults",
                column: "ReportedById");

            migrationBuilder.CreateIndex(
                name: "IX_SystemFaults_SteeringGroupMeetingId",
                table: "SystemFaults",
                column: "SteeringGroupMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemFaults_UnitId_Date",
                table: "SystemFaults",
                columns: new[] { "UnitId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SystemFaults_UnitId_Status",
                table: "SystemFaults",
                columns: new[] { "UnitId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SteeringGroupMembers");

            migrationBuilder.DropTable(
                name: "SystemFaultActors");

            migrationBuilder.DropTable(
                name: "SystemFaultNeeds");

            migrationBuilder.DropTable(
                name: "SystemFaults");

            migrationBuilder.DropTable(
                name: "SteeringGroupMeetings");
        }
    }
}
