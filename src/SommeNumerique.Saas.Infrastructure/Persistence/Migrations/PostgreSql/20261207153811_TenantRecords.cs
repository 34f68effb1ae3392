using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SommeNumerique.Saas.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TenantRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "TenantPopulations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "JoinDeliberationBody",
                table: "TenantMemberships",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "JoinDeliberationDate",
                table: "TenantMemberships",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JoinDeliberationReference",
                table: "TenantMemberships",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaveDeliberationBody",
                table: "TenantMemberships",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LeaveDeliberationDate",
                table: "TenantMemberships",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaveDeliberationReference",
                table: "TenantMemberships",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TenantEpciLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    EpciId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantEpciLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TenantEpciLinks_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TenantEpciLinks_EpciId",
                table: "TenantEpciLinks",
                column: "EpciId");

            migrationBuilder.CreateIndex(
                name: "IX_TenantEpciLinks_TenantId",
                table: "TenantEpciLinks",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TenantEpciLinks");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "TenantPopulations");

            migrationBuilder.DropColumn(
                name: "JoinDeliberationBody",
                table: "TenantMemberships");

            migrationBuilder.DropColumn(
                name: "JoinDeliberationDate",
                table: "TenantMemberships");

            migrationBuilder.DropColumn(
                name: "JoinDeliberationReference",
                table: "TenantMemberships");

            migrationBuilder.DropColumn(
                name: "LeaveDeliberationBody",
                table: "TenantMemberships");

            migrationBuilder.DropColumn(
                name: "LeaveDeliberationDate",
                table: "TenantMemberships");

            migrationBuilder.DropColumn(
                name: "LeaveDeliberationReference",
                table: "TenantMemberships");
        }
    }
}
