package org.geomloss.kernels.opencl;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geomloss.kernels.Device;
import org.geomloss.kernels.DeviceProvider;

/**
 * The OpenCL devices as a {@link DeviceProvider} of the scheme {@code opencl}, registered for
 * {@link java.util.ServiceLoader}, so that {@link org.geomloss.kernels.Devices} finds them whenever
 * this artifact ({@code geomloss-opencl}) is on the class path or module path:
 * <ul>
 *   <li>{@code "opencl"}: {@link OpenClDevices#preferred()}, the first GPU, else the first device;</li>
 *   <li>{@code "opencl:P:D"}: {@link OpenClDevices#select(int, int)};</li>
 *   <li>{@code "opencl:name"}: {@link OpenClDevices#select(String)}, by a fragment of the name.</li>
 * </ul>
 * Constructing it loads nothing native; the machine's devices are enumerated at the first call.
 * When the JOCL binding ({@code org.jocl:jocl}) was left out of the class path, every call says so
 * instead of failing to link. Thread-safe.
 */
public final class OpenClDeviceProvider implements DeviceProvider {

    private static final Pattern INDICES = Pattern.compile("(-?\\d+):(-?\\d+)");

    /** Called by {@link java.util.ServiceLoader}. */
    public OpenClDeviceProvider() {
    }

    @Override
    public String scheme() {
        return "opencl";
    }

    @Override
    public String usage() {
        return "opencl, opencl:P:D, opencl:<name fragment>";
    }

    @Override
    public List<String> describeAll() {
        try {
            return OpenClDevices.describeAll();
        } catch (NoClassDefFoundError e) {
            return List.of(joclMissing(e).getMessage());
        }
    }

    @Override
    public Device preferred() {
        return withJocl(OpenClDevices::preferred);
    }

    @Override
    public Device select(String selector) {
        Matcher indices = INDICES.matcher(selector.strip());
        return indices.matches()
                ? withJocl(() -> OpenClDevices.select(Integer.parseInt(indices.group(1)),
                        Integer.parseInt(indices.group(2))))
                : withJocl(() -> OpenClDevices.select(selector));
    }

    /** Runs an OpenCL selection, explaining a missing JOCL binding instead of failing to link. */
    private static Device withJocl(Supplier<Device> selection) {
        try {
            return selection.get();
        } catch (NoClassDefFoundError e) {
            throw joclMissing(e);
        }
    }

    private static IllegalStateException joclMissing(NoClassDefFoundError cause) {
        return new IllegalStateException("OpenCL is unavailable: the JOCL binding (org.jocl:jocl), a "
                + "dependency of geomloss-opencl, is not on the class path or module path", cause);
    }
}
