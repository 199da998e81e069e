// Loss surfaces of two parameters with exact analytic gradients, for the Optimizers lab and
// `layerlab optimize`: the classic test functions, an ill-conditioned quadratic (plain or after
// feature scaling) and a least-squares line fit on real data, whose mini-batches give real noise.
//
// Coordinates: value() and gradient() take the plotted point (x, y). The optimizer works on its own
// parameters (u, v), which are (x, y) except for the scaled quadratic (u = x, v = sqrt(K)*y):
// to_params / from_params convert, param_gradient is the gradient with respect to (u, v).
// References: Rosenbrock (1960); Beale (1958); Himmelblau, "Applied Nonlinear Programming" (1972).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/status.h"

namespace ll {

struct SurfaceView {
    double x_min, x_max, y_min, y_max;   // a rectangle that shows the interesting part
};

enum class PointKind { Minimum, Saddle };

// A known stationary point, in plotted coordinates, with the surface's value there.
struct SurfacePoint {
    double x, y, value;
    PointKind kind;
};

struct SurfaceOptions {
    double condition = 20.0;   // quadratic: K in 0.5*(x^2 + K*y^2), > 0
    bool scaled = false;       // quadratic: optimize in the feature-scaled coordinates (u, v) = (x, sqrt(K)*y)
    // least_squares: the samples (x_i, y_i) of the line fit y = w*x + b (see least_squares_samples).
    std::vector<double> data_x, data_y;
};

class Surface {
public:
    virtual ~Surface() = default;
    virtual const char* name() const = 0;                 // the make_surface name, e.g. "rosenbrock"
    virtual const char* formula() const = 0;              // "(1-x)^2 + 100*(y-x^2)^2", for display
    virtual double value(double x, double y) const = 0;
    virtual void gradient(double x, double y, double& gx, double& gy) const = 0;
    virtual SurfaceView view() const = 0;
    virtual void default_start(double& x, double& y) const = 0;
    // Minima (and, for saddle, the saddle point), in plotted coordinates.
    virtual std::vector<SurfacePoint> known_points() const = 0;

    // ---- The optimizer's coordinates (identity except for the scaled quadratic) ----
    virtual void to_params(double x, double y, double& u, double& v) const { u = x; v = y; }
    virtual void from_params(double u, double v, double& x, double& y) const { x = u; y = v; }
    // d loss / d(u, v) at the parameters (u, v).
    virtual void param_gradient(double u, double v, double& gu, double& gv) const { gradient(u, v, gu, gv); }

    // ---- Mini-batches (least_squares only; its parameters are the plotted coordinates) ----
    // Number of samples behind the loss; 0 for the analytic test functions.
    virtual int samples() const { return 0; }
    // The gradient of the loss restricted to the samples idx (each in [0, samples())).
    virtual void gradient_batch(double x, double y, const std::vector<int>& idx, double& gx, double& gy) const;
};

// Names accepted by make_surface, in display order:
// quadratic, rosenbrock, beale, saddle, himmelblau, least_squares.
const std::vector<std::string>& surface_names();

// Errors: an unknown name, condition <= 0 or not finite, scaled on another surface than quadratic,
// least_squares without samples (or with x and y of different lengths or all x equal).
std::unique_ptr<Surface> make_surface(const std::string& name, const SurfaceOptions& opt, Status& st);

// The least_squares samples from real images: x_i = mean intensity of image i's top half (rows
// [0, H/2)), y_i = of its bottom half (rows [H/2, H)), for the first `count` images, all channels.
// For Fashion-MNIST's test split (count 200) the fit is y = 0.766*x + 0.114 with a condition of ~50.
Status least_squares_samples(const Dataset& images, int count, std::vector<double>& xs, std::vector<double>& ys);
constexpr int kLeastSquaresSamples = 200;

// A quadratic loss (least_squares, quadratic) around its minimum, as the Normalization lab draws it:
// the Hessian (exact from differences of the gradient, since the loss is quadratic), its eigenvalues,
// whose ratio is the condition number feature scaling shrinks, and the direction of the steepest one;
// then plain gradient descent from (start_x, start_y) with the step that is best for the steepest
// direction, 1 / lambda_max, for `steps` steps. Coordinates are the plotted ones.
struct QuadraticShape {
    double x_min = 0, y_min = 0, min_value = 0;  // the minimum
    double lambda_max = 0, lambda_min = 0;       // the Hessian's eigenvalues
    double angle = 0;                            // radians from the x axis to lambda_max's eigenvector
    double lr = 0;                               // 1 / lambda_max
    std::vector<double> path_x, path_y;          // the start and each step
    double final_value = 0;                      // the loss after the last step
    double condition() const { return lambda_max / lambda_min; }
};
// Errors: a surface without a known minimum, or whose Hessian there is not positive definite.
Status quadratic_shape(const Surface& s, double start_x, double start_y, int steps, QuadraticShape& out);

}  // namespace ll
