package io.glance.application.inspection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * VMDK, in both shapes qemu-img reads: a sparse extent ({@code KDMV} header, little-endian: capacity in sectors at
 * 12, descriptor offset and size in sectors at 28 and 36, grain directory offset at 56) with its embedded
 * descriptor at 0x200, or a bare text descriptor file ({@code # Disk DescriptorFile}). The descriptor decides
 * safety: its {@code createType} must be in {@code vmdk_allowed_types} and no extent may name a path (a {@code /}),
 * which is how a descriptor makes qemu-img read host files (CVE-2022-47951).
 */
final class VmdkInspector extends FormatInspector {
    private static final int MAX_DESCRIPTOR = 1024 * 1024 - 1;
    private static final long DESCRIPTOR_OFFSET = 0x200;
    private static final long FOOTER_GD = 0xFFFFFFFFFFFFFFFFL;
    private static final String TEXT_MAGIC = "# Disk DescriptorFile";

    private final Set<String> allowedTypes;
    private final CaptureRegion header = capture(0, 512);
    private CaptureRegion descriptorRegion;
    private boolean textDescriptor;
    private VmdkDescriptor descriptor;

    /** @param allowedTypes {@code vmdk_allowed_types}, compared without case */
    VmdkInspector(Set<String> allowedTypes) {
        this.allowedTypes = allowedTypes.stream().map(type -> type.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    String format() {
        return "vmdk";
    }

    @Override
    void examine() {
        if (state() == State.PENDING) {
            byte[] h = header.data();
            if (header.filled() >= TEXT_MAGIC.length() && Bytes.startsWith(h, 0, TEXT_MAGIC)) {
                // A descriptor file is small text: it is read whole when the data ends (dataEnded).
                textDescriptor = true;
                candidate();
                descriptorRegion = capture(header.length(), 64 * 1024);
                return;
            }
            if (header.filled() < TEXT_MAGIC.length() && header.filled() < header.length()) {
                return;
            }
            if (!Bytes.startsWith(h, 0, "KDMV")) {
                noMatch();
                return;
            }
            candidate();
        }
        if (!textDescriptor && header.complete() && descriptorRegion == null) {
            readSparseHeader();
        }
        if (!textDescriptor && descriptorRegion != null && descriptorRegion.complete()) {
            parse(descriptorRegion.data(), descriptorRegion.length());
        }
    }

    private void readSparseHeader() {
        byte[] h = header.data();
        long version = Bytes.u32le(h, 4);
        if (version < 1 || version > 3) {
            invalid("vmdk header has unsupported version " + version);
            return;
        }
        if (Bytes.u64le(h, 56) == FOOTER_GD) {
            invalid("vmdk images with a footer are not supported");
            return;
        }
        long descriptorOffset = Bytes.u64le(h, 28) * 512;
        long descriptorSize = Bytes.u64le(h, 36) * 512;
        if (descriptorOffset != DESCRIPTOR_OFFSET) {
            invalid("vmdk descriptor is at offset " + descriptorOffset + ", not at 0x200");
            return;
        }
        if (descriptorSize <= 0 || descriptorSize > MAX_DESCRIPTOR) {
            invalid("vmdk descriptor size " + descriptorSize + " is out of range");
            return;
        }
        descriptorRegion = capture(descriptorOffset, (int) descriptorSize);
    }

    @Override
    void dataEnded(long size) {
        if (textDescriptor && state() == State.CANDIDATE) {
            byte[] whole = new byte[header.filled() + descriptorRegion.filled()];
            System.arraycopy(header.data(), 0, whole, 0, header.filled());
            System.arraycopy(descriptorRegion.data(), 0, whole, header.filled(), descriptorRegion.filled());
            if (descriptorRegion.complete()) {
                invalid("vmdk descriptor file is larger than " + (header.length() + descriptorRegion.length())
                        + " bytes");
            } else {
                parse(whole, whole.length);
            }
            return;
        }
        super.dataEnded(size);
    }

    private void parse(byte[] bytes, int length) {
        VmdkDescriptor.Result result = VmdkDescriptor.parse(bytes, length);
        if (result.descriptor().isEmpty()) {
            invalid(result.malformed());
            return;
        }
        descriptor = result.descriptor().get();
        matched();
    }

    @Override
    long virtualSize() {
        // Only the sparse types carry a capacity in a header; a descriptor file's extents would have to be summed.
        if (textDescriptor || !Set.of("monolithicsparse", "streamoptimized").contains(descriptor.createType())) {
            return 0;
        }
        return Bytes.u64le(header.data(), 12) * 512;
    }

    @Override
    List<SafetyViolation> safetyViolations() {
        List<SafetyViolation> violations = new ArrayList<>();
        if (!allowedTypes.contains(descriptor.createType())) {
            violations.add(new SafetyViolation("vmdk_create_type", "vmdk createType \"" + descriptor.createType()
                    + "\" is not one of vmdk_allowed_types " + allowedTypes.stream().sorted().toList()));
        }
        if (descriptor.extents().isEmpty()) {
            violations.add(new SafetyViolation("vmdk_extents", "vmdk descriptor has no extents"));
        }
        for (String extent : descriptor.extents()) {
            if (extent.contains("/")) {
                violations.add(new SafetyViolation("vmdk_extents", "vmdk extent refers to a path outside the image: "
                        + extent));
            }
        }
        return violations;
    }
}
