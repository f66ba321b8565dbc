/**
 * The OpenCL devices of GeomLoss for Java (GPUs, CPUs through PoCL): the kernels in OpenCL C through
 * JOCL, provided to {@code org.geomloss.kernels.Devices} as the device scheme {@code opencl}.
 * Optional: it brings JOCL's native library and needs an OpenCL driver (ICD) at run time; grant it
 * with {@code --enable-native-access=jocl} on the module path.
 */
module org.geomloss.kernels.opencl {
    requires org.geomloss.kernels;
    requires jocl;

    exports org.geomloss.kernels.opencl;

    provides org.geomloss.kernels.DeviceProvider with org.geomloss.kernels.opencl.OpenClDeviceProvider;
}
