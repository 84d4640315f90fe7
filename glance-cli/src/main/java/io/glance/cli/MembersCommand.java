package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.Member;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code glance members ID [add|remove|accept|reject|pending MEMBER]}: lists or changes who an image is shared with. */
@Command(name = "members", description = {"List or change an image's members:",
        "  glance members ID add|remove PROJECT",
        "  glance members ID accept|reject|pending PROJECT",
        "(only images with visibility=shared have members)."})
final class MembersCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image.")
    String imageId;

    @Parameters(index = "1", paramLabel = "ACTION", arity = "0..1", description = "add, remove, accept, reject, pending.")
    String action;

    @Parameters(index = "2", paramLabel = "MEMBER", arity = "0..1", description = "The project.")
    String member;

    @Override
    public Integer call() {
        Io io = glance.io();
        GlanceClient client = glance.client();
        if (action == null) {
            List<Member> members = client.members(imageId);
            if (glance.json) {
                ImageFormat.json(io.out(), members);
            } else if (members.isEmpty()) {
                io.out().println("No members for image " + imageId);
            } else {
                io.out().println(String.format("%-40s %-10s", "Member ID", "Status"));
                io.out().println(String.format("%-40s %-10s", "-".repeat(40), "-".repeat(10)));
                members.forEach(m -> io.out().println(String.format("%-40s %-10s", m.memberId(), m.status())));
            }
            return ExitCodes.OK;
        }
        if (member == null) {
            throw new UsageException("members " + imageId + " " + action + " needs a MEMBER");
        }
        if (glance.dryRun) {
            io.out().println("Dry run. We would have done the following:");
            io.out().println(action + " member " + member + " of image " + imageId);
            return ExitCodes.OK;
        }
        switch (action) {
            case "add" -> {
                client.addMember(imageId, member);
                io.out().println("Added member " + member + " to image " + imageId);
            }
            case "remove" -> {
                client.removeMember(imageId, member);
                io.out().println("Removed member " + member + " from image " + imageId);
            }
            case "accept", "reject", "pending" -> {
                String status = switch (action) {
                    case "accept" -> "accepted";
                    case "reject" -> "rejected";
                    default -> "pending";
                };
                client.updateMember(imageId, member, status);
                io.out().println("Member " + member + " of image " + imageId + " is now " + status);
            }
            default -> throw new UsageException("Unknown members action '" + action
                    + "' (add, remove, accept, reject, pending)");
        }
        return ExitCodes.OK;
    }
}
