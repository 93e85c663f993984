// Regenerates scala-map-order.json: random group-name lists and the iteration orders Scala gives for
// groupBy (then mapValues/map/toList, as Kayenta's scorer) and for a Java LinkedHashMap copied with toMap (the
// group weights). Scala 2.11/2.12 share this collection code. From this directory:
//   scalac Order.scala && scala Order > scala-map-order.json && npx prettier --write scala-map-order.json
object Order {
  def q(s: String): String = "\"" + s.flatMap { c => if (c == '"' || c == '\\') "\\" + c else if (c < ' ' || c > '~') "\\u%04x".format(c.toInt) else c.toString } + "\""
  def main(args: Array[String]): Unit = {
    val r = new scala.util.Random(7)
    val vocab = Vector("system", "latency", "errors", "cpu", "memory", "Integration Test Group", "pod-group", "group-1", "group-2", "group1", "group2", "test-group", "saturation", "traffic", "jvm", "db", "http", "Aa", "BB", "\u00e9t\u00e9")
    def name(): String = if (r.nextInt(3) == 0) (1 to (1 + r.nextInt(8))).map(_ => (97 + r.nextInt(26)).toChar).mkString else vocab(r.nextInt(vocab.size))
    val out = (1 to 300).map { i =>
      val distinct = 1 + r.nextInt(if (i % 3 == 0) 20 else 8)
      val names = { val b = scala.collection.mutable.LinkedHashSet[String](); while (b.size < distinct) b += name(); b.toVector }
      val encounter = (names ++ Vector.fill(r.nextInt(6))(names(r.nextInt(names.size)))).map(x => x)
      val shuffled = r.shuffle(encounter)
      val grouped = shuffled.toList.map(g => (g, "Pass")).groupBy(_._1).mapValues(_.map(_._2)).map { case (g, _) => g }.toList
      val jm = new java.util.LinkedHashMap[String, java.lang.Double]()
      names.foreach(n => jm.put(n, 1.0))
      import scala.collection.JavaConverters._
      val toMapOrder = jm.asScala.mapValues(_.toDouble).toMap.keys.toList
      "{\"encounter\":[" + shuffled.map(q).mkString(",") + "],\"groupByOrder\":[" + grouped.map(q).mkString(",") + "],\"weightKeys\":[" + names.map(q).mkString(",") + "],\"toMapOrder\":[" + toMapOrder.map(q).mkString(",") + "]}"
    }
    println(out.mkString("[", ",\n", "]"))
  }
}
