// Regenerates precision-round-commons-math.json (400 values and commons-math 3.6.1 Precision.round(x, 2) of each).
// Needs a JDK and commons-math3-3.6.1.jar (e.g. from a Maven cache); from this directory:
//   javac -cp commons-math3-3.6.1.jar R.java && java -cp commons-math3-3.6.1.jar:. R > precision-round-commons-math.json
//   npx prettier --write precision-round-commons-math.json
import org.apache.commons.math3.util.Precision;
import java.util.Random;
public class R {
  public static void main(String[] a) {
    Random r = new Random(42);
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 400; i++) {
      double x;
      switch (i % 4) {
        case 0: { int p = r.nextInt(7), t = p + r.nextInt(7) + 1; double w = r.nextInt(10000) / 100.0; x = (p / (double) t) * 100 * (w / 100) + (100 - w) * ((r.nextInt(5)) / 4.0); break; }
        case 1: x = (r.nextInt(100000) * 10 + 5) / 10000.0; break;
        case 2: x = r.nextDouble() * 100; break;
        default: x = (r.nextInt(3) + 1) * 100.0 / (r.nextInt(11) + 1) * (r.nextInt(7) + 1) / 7.0; break;
      }
      if (i > 0) sb.append(",");
      sb.append("[").append(Double.toString(x)).append(",").append(Double.toString(Precision.round(x, 2))).append("]");
    }
    System.out.println(sb.append("]"));
  }
}
